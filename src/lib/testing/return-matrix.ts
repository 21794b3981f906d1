/**
 * Test and bench fixture: the rows of direction-matrix.ts with the regression target instead of the label — the
 * 5-day forward log return — so regression learners and their scikit-learn fixtures see the same real bytes.
 * Node-only.
 */
import { forwardLogReturn } from '../domain/targets';
import { DIRECTION_HORIZON_DAYS, directionMatrix, type DirectionMatrix } from './direction-matrix';
import { sp500Bars } from './sp500';

/** directionMatrix() with y = log(close[t + 5] / close[t]) of each row's bar. */
export function returnMatrix(): DirectionMatrix {
	const m = directionMatrix();
	const r = forwardLogReturn(sp500Bars().close, DIRECTION_HORIZON_DAYS);
	return { ...m, y: Float64Array.from(m.barIndex, (t) => r[t]) };
}
