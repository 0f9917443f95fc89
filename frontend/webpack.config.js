// Two builds:
// - `dist/`: the plugins' frontends as Grafana loads them: the app, the
//   nested datasource and the nested answer panel, each one AMD module.js
//   with React, @grafana/* and the other libraries Grafana shares left
//   external, plus its plugin.json, logo and README;
// - `build/harness/`: a standalone page rendering the editors with real React
//   and @grafana/ui against a fake Grafana backend, for the browser test.
const fs = require('fs');
const path = require('path');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const ROOT = path.resolve(__dirname, '..');

// What Grafana provides to plugins at run time (its shared dependencies).
const EXTERNALS = [
  'lodash',
  'jquery',
  'moment',
  'slate',
  'emotion',
  '@emotion/react',
  '@emotion/css',
  'prismjs',
  'slate-plain-serializer',
  '@grafana/slate-react',
  'react',
  'react/jsx-runtime',
  'react/jsx-dev-runtime',
  'react-dom',
  'react-redux',
  'redux',
  'rxjs',
  'rxjs/operators',
  'i18next',
  'react-router',
  'react-router-dom',
  'd3',
  'angular',
  /^@grafana\/ui/i,
  /^@grafana\/runtime/i,
  /^@grafana\/data/i,
];

const swcRule = (mode) => ({
  test: /\.[tj]sx?$/,
  exclude: /node_modules/,
  use: {
    loader: 'swc-loader',
    options: {
      jsc: {
        baseUrl: __dirname,
        target: 'es2018',
        loose: false,
        parser: { syntax: 'typescript', tsx: true, decorators: false },
        transform: { react: { runtime: 'automatic', development: mode === 'development' } },
      },
    },
  },
});

const resolve = { extensions: ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.json'] };

/**
 * The plugins Grafana loads, in the nested-plugins layout of an app
 * (docs/deploy.md): the app at the top of `dist/`, the datasource in
 * `dist/datasource/` (where scripts/build_dist.sh puts its backend
 * binaries), the answer panel in `dist/panels/answer/`.
 */
const PLUGINS = [
  { name: 'plugin-app', id: 'askloki-nlq-app', entry: './src/app/module.ts', dir: '', src: 'src/app' },
  {
    name: 'plugin-datasource',
    id: 'askloki-nlq-datasource',
    entry: './src/module.ts',
    dir: 'datasource',
    src: 'src',
    // The backend keeps the datasource's plugin.json at the repository's root.
    pluginJson: path.join(ROOT, 'plugin.json'),
  },
  {
    name: 'plugin-panel',
    id: 'askloki-answer-panel',
    entry: './src/panel/module.ts',
    dir: 'panels/answer',
    src: 'src/panel',
  },
];

/** Files Grafana wants beside each module.js. */
function pluginAssets(p) {
  const patterns = [
    { from: `${p.src}/README.md`, to: 'README.md', noErrorOnMissing: true },
    { from: `${p.src}/img`, to: 'img' },
    { from: p.pluginJson ?? `${p.src}/plugin.json`, to: 'plugin.json', toType: 'file', noErrorOnMissing: true },
  ];
  for (const file of ['LICENSE', 'CHANGELOG.md']) {
    if (fs.existsSync(path.join(ROOT, file))) {
      patterns.push({ from: path.join(ROOT, file), to: file, toType: 'file' });
    }
  }
  return patterns;
}

const plugin = (mode, p) => ({
  name: p.name,
  mode,
  context: __dirname,
  entry: { module: p.entry },
  devtool: mode === 'production' ? 'source-map' : 'eval-source-map',
  externals: [
    ...EXTERNALS,
    // Legacy `grafana/app/...` requests resolve to Grafana's own modules.
    ({ request }, callback) => {
      const prefix = 'grafana/';
      if (request && request.startsWith(prefix)) {
        return callback(undefined, request.slice(prefix.length));
      }
      callback();
    },
  ],
  output: {
    // dist/ is emptied once below: the three builds share it.
    clean: false,
    filename: '[name].js',
    path: path.resolve(__dirname, 'dist', p.dir),
    publicPath: `public/plugins/${p.id}/`,
    uniqueName: p.id,
    library: { type: 'amd' },
  },
  module: { rules: [swcRule(mode)] },
  resolve,
  plugins: [new CopyWebpackPlugin({ patterns: pluginAssets(p) })],
  performance: { hints: false },
});

const harness = {
  name: 'harness',
  // Unminified: the page only has to run in the browser test, and minifying
  // all of @grafana/ui on two cores takes minutes.
  mode: 'development',
  context: __dirname,
  entry: { harness: './harness/index.tsx', panel: './harness/panel.tsx' },
  devtool: false,
  target: 'web',
  output: {
    clean: true,
    filename: '[name].js',
    path: path.resolve(__dirname, 'build/harness'),
  },
  module: {
    rules: [
      swcRule('production'),
      { test: /\.css$/, type: 'asset/source' },
      { test: /\.(svg|png|woff2?)$/, type: 'asset/inline' },
    ],
  },
  resolve: {
    ...resolve,
    fallback: { fs: false, path: false, os: false },
    // The setter Grafana calls at start-up for @grafana/runtime's
    // PanelRenderer (not exported): the same module the package's index uses.
    alias: {
      'askloki-harness-panel-renderer$': path.resolve(
        __dirname,
        'node_modules/@grafana/runtime/dist/esm/components/PanelRenderer.mjs'
      ),
    },
  },
  // React's and Grafana's production code paths, as in Grafana.
  optimization: { nodeEnv: 'production' },
  plugins: [
    new CopyWebpackPlugin({
      patterns: [
        { from: 'harness/index.html', to: 'index.html' },
        { from: 'harness/panel.html', to: 'panel.html' },
        // @grafana/ui fetches its icons from Grafana's public folder.
        { from: 'node_modules/@grafana/ui/dist/public/img/icons', to: 'public/build/img/icons' },
      ],
    }),
  ],
  performance: { hints: false },
  stats: 'errors-warnings',
};

module.exports = (_env, argv) => {
  const mode = argv.mode ?? 'production';
  const only = process.env.ASKLOKI_BUILD;
  const builds = [...PLUGINS.map((p) => plugin(mode, p)), harness].filter((b) => !only || b.name.startsWith(only));
  if (builds.some((b) => b.name.startsWith('plugin'))) {
    fs.rmSync(path.resolve(__dirname, 'dist'), { recursive: true, force: true });
  }
  return builds;
};
