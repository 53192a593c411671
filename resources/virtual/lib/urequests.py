# urequests: el nombre antiguo de requests (los tutoriales usan los dos)
from requests import *  # noqa: F401,F403
