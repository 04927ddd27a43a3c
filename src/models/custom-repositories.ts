/**
 * Repositories built from an object literal of methods, whose members callers then call on the
 * result: TypeORM 0.3's custom repositories, `export const userRepository =
 * dataSource.getRepository(User).extend({ findByName(name) { … } })`. A call
 * `userRepository.findByName(q)` runs the method of the object given to `method`, when the
 * receiver of `method` is a call of one of `factories` (by its method or function name).
 */
export interface ExtendedRepositoryModel {
  library: string;
  /** The call that adds the methods (`extend`). */
  method: string;
  /** Calls whose result is extended: the repository getters. */
  factories: readonly string[];
}

export const extendedRepositories = [
  // typeorm 0.3: `Repository.extend(custom)` returns a repository with the object's methods (`this` is the repository)
  { library: 'typeorm', method: 'extend', factories: ['getRepository', 'getTreeRepository', 'getMongoRepository'] },
] as const satisfies readonly ExtendedRepositoryModel[];
