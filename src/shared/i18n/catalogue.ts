/**
 * The shape of a message catalogue with every string widened to `string`: typing the second
 * language's catalogue with it makes the compiler check that both have exactly the same keys.
 */
export type CatalogueShape<T> = { [K in keyof T]: T[K] extends string ? string : CatalogueShape<T[K]> };
