// Third of [t0.js, <file under test>, t1.js]: the clock after the file was evaluated.
globalThis.__benchT1 = performance.now();
