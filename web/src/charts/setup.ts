// The ECharts build the dashboard's bars and donuts use: core plus only the chart types,
// components and renderer drawn here (named imports, so the bundler leaves the rest of
// echarts/core out too). Imported dynamically only (echarts.ts): a lazy chunk. The map's
// parts (scatter on a geo component) are in ./setup-map, loaded when a map is shown.
import { init, registerMap, use } from 'echarts/core';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, PieChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

const echarts = { init, registerMap, use };
export default echarts;
