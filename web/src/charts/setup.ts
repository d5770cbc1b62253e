// The ECharts build the charts use: core plus only the chart types, components and
// renderer drawn here (static named imports, so the bundler leaves the rest out). This
// module is only ever imported dynamically (echarts.ts), so it ships in a lazy chunk.
import * as core from 'echarts/core';
import { BarChart, PieChart, ScatterChart } from 'echarts/charts';
import { GeoComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

core.use([BarChart, PieChart, ScatterChart, GridComponent, TooltipComponent, LegendComponent, GeoComponent, CanvasRenderer]);

export default core;
