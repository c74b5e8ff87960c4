export { ApiErrorDecoder, loadCatalogue, parseCatalogue, similarity, type ApiErrorCatalogue, type DecodedItem, type DecodeResult, type MatchKind } from './api-errors.js';
export { classifyMethod, parseCallScript, simulate, RateLimitInputError, TIERS, TIER_IDS, type Simulation, type TierId } from './rate-limit.js';
export { apiToolsRoutes, type ApiToolsOptions } from './api-tools.routes.js';
