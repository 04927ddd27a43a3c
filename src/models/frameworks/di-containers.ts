/**
 * Dependency-injection containers that hand a class its dependencies by name: awilix
 * `container.register({ linkService: asClass(LinkService) })` gives the constructor of every class
 * it builds an object (the cradle) holding `linkService`, an instance of `LinkService`.
 */
export interface DiContainerModel {
  /** The package a container file imports. */
  module: string;
  /** Methods registering `{ name: resolver }` or `(name, resolver)`. */
  register: readonly string[];
  /** Resolver functions, by what the registered name holds: an instance of the class given, the value given, or what the factory given returns. */
  resolvers: Readonly<Record<string, 'instance' | 'value' | 'factory'>>;
  /**
   * Methods of a container (or of a request's scope of it) that look a registration up by its
   * name: `container.resolve('ticketService')`, `req.scope.resolve('ticketService')`.
   */
  lookupsByName: readonly string[];
  /** The member holding every registration by name: `container.cradle.ticketService`, `req.scope.cradle.ticketService`. */
  cradle: string;
}

export const diContainers = [
  { module: 'awilix', register: ['register'], resolvers: { asClass: 'instance', asValue: 'value', asFunction: 'factory' }, lookupsByName: ['resolve'], cradle: 'cradle' },
] as const satisfies readonly DiContainerModel[];

/**
 * Containers whose lookup by class returns an instance of that class: tsyringe
 * `container.resolve(RepoService)`, inversify `container.get(RepoService)`, typedi
 * `Container.get(RepoService)`. The receiver is the package's container (an import of it, or a
 * `new Container()` of the package); the first argument is the class.
 */
export interface DiLookupModel {
  module: string;
  /** Exports of the package that are a container, or a class whose `new` makes one. */
  containers: readonly string[];
  methods: readonly string[];
}

export const diLookups = [
  { module: 'tsyringe', containers: ['container'], methods: ['resolve'] },
  { module: 'inversify', containers: ['Container'], methods: ['get', 'resolve'] },
  { module: 'typedi', containers: ['Container'], methods: ['get'] },
] as const satisfies readonly DiLookupModel[];
