// The parts only the world map needs, registered on the ECharts of ./setup when a map is
// first shown (it scrolls into view), so the dashboard's first screen does not load them.
import { use } from 'echarts/core';
import { ScatterChart } from 'echarts/charts';
import { GeoComponent } from 'echarts/components';

use([ScatterChart, GeoComponent]);
