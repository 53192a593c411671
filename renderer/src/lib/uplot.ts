/**
 * uPlot and its stylesheet, loaded only when a chart is shown (a dynamic import makes this its
 * own chunk, so the first load stays small; the CSS is emitted as a file, as the CSP wants).
 */
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'

export default uPlot
