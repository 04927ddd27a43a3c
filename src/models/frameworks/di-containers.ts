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
}

export const diContainers = [
  { module: 'awilix', register: ['register'], resolvers: { asClass: 'instance', asValue: 'value', asFunction: 'factory' } },
] as const satisfies readonly DiContainerModel[];
