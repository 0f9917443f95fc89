// Two builds:
// - `dist/`: the plugin's frontend as Grafana loads it: one AMD module.js with
//   React, @grafana/* and the other libraries Grafana shares left external,
//   plus plugin.json, the logo and the README;
// - `build/harness/`: a standalone page rendering the editors with real React
//   and @grafana/ui against a fake Grafana backend, for the browser test.
const fs = require('fs');
const path = require('path');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const PLUGIN_ID = 'askloki-nlq-datasource';
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

/** Files Grafana wants beside module.js; the repository's plugin.json when the backend has written it. */
function pluginAssets() {
  const patterns = [
    { from: 'src/README.md', to: 'README.md' },
    { from: 'src/img', to: 'img' },
  ];
  for (const file of ['plugin.json', 'LICENSE', 'CHANGELOG.md']) {
    if (fs.existsSync(path.join(ROOT, file))) {
      patterns.push({ from: path.join(ROOT, file), to: file, toType: 'file' });
    }
  }
  return patterns;
}

const plugin = (mode) => ({
  name: 'plugin',
  mode,
  context: __dirname,
  entry: { module: './src/module.ts' },
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
    clean: true,
    filename: '[name].js',
    path: path.resolve(__dirname, 'dist'),
    publicPath: `public/plugins/${PLUGIN_ID}/`,
    uniqueName: PLUGIN_ID,
    library: { type: 'amd' },
  },
  module: { rules: [swcRule(mode)] },
  resolve,
  plugins: [new CopyWebpackPlugin({ patterns: pluginAssets() })],
  performance: { hints: false },
});

const harness = {
  name: 'harness',
  // Unminified: the page only has to run in the browser test, and minifying
  // all of @grafana/ui on two cores takes minutes.
  mode: 'development',
  context: __dirname,
  entry: { harness: './harness/index.tsx' },
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
  resolve: { ...resolve, fallback: { fs: false, path: false, os: false } },
  // React's and Grafana's production code paths, as in Grafana.
  optimization: { nodeEnv: 'production' },
  plugins: [
    new CopyWebpackPlugin({
      patterns: [
        { from: 'harness/index.html', to: 'index.html' },
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
  const builds = [plugin(mode), harness].filter((b) => !only || b.name === only);
  return builds;
};
