// Builds the task pane into dist/ with a type-checked TypeScript build (ts-loader, not Babel).
// Production URL: ADDIN_URL=https://intranet.example/mofan npm run build rewrites dist/manifest.xml.
import CopyWebpackPlugin from 'copy-webpack-plugin';
import HtmlWebpackPlugin from 'html-webpack-plugin';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { DEV_URL, normaliseAddinUrl, rewriteManifest } from './scripts/dev/manifest.mjs';

/** The pane's initial JavaScript must stay small: Office loads it on every open. */
export const PANE_BUDGET_GZIP = 300 * 1024;

/** Prints the gzipped size of each emitted script after a build, and fails the build above the budget. */
class GzipSizeReport {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('GzipSizeReport', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'GzipSizeReport', stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT }, (assets) => {
        for (const [name, asset] of Object.entries(assets)) {
          if (!name.endsWith('.js')) continue;
          const size = gzipSync(asset.source()).length;
          console.log(`mofan: ${name} ${(size / 1024).toFixed(1)} KB gzipped (budget ${PANE_BUDGET_GZIP / 1024} KB)`);
          if (size > PANE_BUDGET_GZIP) compilation.errors.push(new Error(`${name} is ${size} bytes gzipped, over the ${PANE_BUDGET_GZIP}-byte budget`));
        }
      });
    });
  }
}

const root = dirname(fileURLToPath(import.meta.url));

/** HTTPS for the dev server: Office's dev certificates when installed (npx office-addin-dev-certs install). */
function devHttps() {
  const dir = join(homedir(), '.office-addin-dev-certs');
  const [key, cert, ca] = ['localhost.key', 'localhost.crt', 'ca.crt'].map((f) => join(dir, f));
  if (existsSync(key) && existsSync(cert)) {
    return { type: 'https', options: { key: readFileSync(key), cert: readFileSync(cert), ca: existsSync(ca) ? readFileSync(ca) : undefined } };
  }
  console.warn('mofan: no Office dev certificates found; run `npx office-addin-dev-certs install` for HTTPS. Serving with a self-signed certificate.');
  return 'https';
}

export default (env, argv) => {
  const production = argv.mode === 'production';
  const addinUrl = process.env.ADDIN_URL ? normaliseAddinUrl(process.env.ADDIN_URL) : undefined;
  return {
    mode: production ? 'production' : 'development',
    devtool: production ? 'source-map' : 'eval-source-map',
    context: root,
    entry: { taskpane: './addin/src/taskpane.ts' },
    output: {
      path: resolve(root, 'dist'),
      filename: '[name].js',
      clean: true,
    },
    resolve: { extensions: ['.ts', '.js'] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: { configFile: resolve(root, 'addin/tsconfig.json'), compilerOptions: { noEmit: false, sourceMap: true } },
          },
        },
      ],
    },
    performance: { hints: false },
    plugins: [
      new GzipSizeReport(),
      new HtmlWebpackPlugin({ filename: 'taskpane.html', template: './addin/src/taskpane.html', chunks: ['taskpane'] }),
      new HtmlWebpackPlugin({ filename: 'commands.html', template: './addin/src/commands.html', chunks: [] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'addin/assets/*.png', to: 'assets/[name][ext]' },
          { from: 'addin/src/taskpane.css', to: 'taskpane.css' },
          { from: 'addin/src/help.html', to: 'help.html' },
          { from: 'templates/模范机关创建工作台账.xlsx', to: 'templates/[name][ext]' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform: (content) => (addinUrl ? rewriteManifest(content.toString(), addinUrl) : content),
          },
        ],
      }),
    ],
    devServer: {
      static: { directory: resolve(root, 'dist') },
      headers: { 'Access-Control-Allow-Origin': '*' },
      server: argv.mode === 'development' && process.env.WEBPACK_SERVE ? devHttps() : 'https',
      port: Number(new URL(DEV_URL).port),
    },
  };
};
