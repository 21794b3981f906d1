/**
 * Stores what the TPE sampler suggests over the fixed study of src/lib/testing/tpe-sequence.ts, with and without
 * the warm-start prior, so a faster sampler can be checked to suggest exactly the same (tpe-sequence.spec.ts).
 * Made by hand at the commit before the sampler's estimators were cached; never by `npm test`.
 * Run: npx tsx --import ./bench/virtual-modules.mjs bench/make-tpe-sequence-fixture.ts
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tpeSampler } from '../src/lib/research/study/samplers/tpe';
import { runTpeSequence, tpeSequencePrior } from '../src/lib/testing/tpe-sequence';

const out = 'src/lib/research/study/samplers/tpe-sequence.fixture.json';
const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout.trim();
writeFileSync(
	out,
	JSON.stringify({
		source: `bench/make-tpe-sequence-fixture.ts at ${commit}`,
		plain: runTpeSequence(tpeSampler(), []),
		withPrior: runTpeSequence(tpeSampler(), tpeSequencePrior())
	})
);
const pretty = spawnSync('npx', ['prettier', '--write', out], { stdio: 'inherit' });
process.exit(pretty.status ?? 1);
