import typescript from '@rollup/plugin-typescript';
import terser from '@rollup/plugin-terser';
import { dts } from 'rollup-plugin-dts';

const input = 'src/index.ts';
const ts = () => typescript({ tsconfig: './tsconfig.build.json' });
// One global for script tags, importScripts() and manifest script lists.
const umd = { format: 'umd', name: 'webextConnect', exports: 'named', esModule: false };
// The package is "type": "module", so Node (and publint) would read dist/*.js, the UMD files, as ES
// modules; this dist/package.json says they are CommonJS, which they are when required. It repeats
// "sideEffects": false because bundlers read that from the nearest package.json.
const umdIsCommonJs = {
  name: 'umd-is-commonjs',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: 'package.json', source: '{ "type": "commonjs", "sideEffects": false }\n' });
  },
};

export default [
  {
    input,
    plugins: [ts()],
    output: [
      { file: 'dist/webext-connect.mjs', format: 'es' },
      { file: 'dist/webext-connect.cjs', format: 'cjs', exports: 'named' },
      { file: 'dist/webext-connect.umd.js', ...umd, plugins: [umdIsCommonJs] },
      { file: 'dist/webext-connect.umd.min.js', ...umd, plugins: [terser({ ecma: 2017, compress: { passes: 2 } })] },
    ],
  },
  {
    input,
    plugins: [dts({ tsconfig: './tsconfig.build.json' })],
    output: [
      { file: 'dist/webext-connect.d.mts', format: 'es' },
      { file: 'dist/webext-connect.d.cts', format: 'es' },
    ],
  },
];
