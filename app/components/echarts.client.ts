/**
 * The part of Apache ECharts the dashboard draws with, registered once. Only ever loaded by
 * `import()` inside an effect (stats-chart.tsx), so the server and other pages never load it.
 * SVG rendering: charts stay sharp when printed.
 */
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export { echarts };
export type { ComposeOption } from 'echarts/core';
