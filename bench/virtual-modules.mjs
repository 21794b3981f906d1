/**
 * Lets `tsx` scripts (benchmarks) import modules that reach the catalog: the build's `virtual:model-ids` module is
 * produced here from the same file names (src/lib/models/**\/<kebab-id>.model.ts) that scripts/vite-model-ids.ts
 * reads. Use: npx tsx --import ./bench/virtual-modules.mjs bench/costs.ts
 */
import { register } from 'node:module';

register('./virtual-modules-hooks.mjs', import.meta.url);
