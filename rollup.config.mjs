import typescript from '@rollup/plugin-typescript';
import terser from '@rollup/plugin-terser';
import { dts } from 'rollup-plugin-dts';

const input = 'src/index.ts';
const ts = () => typescript({ tsconfig: './tsconfig.build.json' });
// One global for script tags, importScripts() and manifest script lists.
const umd = { format: 'umd', name: 'webextConnect', exports: 'named', esModule: false };

export default [
  {
    input,
    plugins: [ts()],
    output: [
      { file: 'dist/webext-connect.mjs', format: 'es' },
      { file: 'dist/webext-connect.cjs', format: 'cjs', exports: 'named' },
      { file: 'dist/webext-connect.umd.js', ...umd },
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
