// aedes-persistence-level ships no types; Puente only constructs its async persistence.
declare module 'aedes-persistence-level/asyncPersistence.js' {
  const AsyncLevelPersistence: new (db: unknown) => {
    setup(broker: unknown): Promise<void>
    destroy(): Promise<void>
  }
  export default AsyncLevelPersistence
}
