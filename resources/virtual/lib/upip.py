# upip de la placa virtual: las bibliotecas de clase ya vienen instaladas.
import mip


def install(packages, path=None, index=None):
    if isinstance(packages, str):
        packages = [packages]
    for p in packages:
        mip.install(p, target=path)
