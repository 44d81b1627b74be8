// First of [t0.js, <file under test>, t1.js]: the clock before the file is evaluated.
globalThis.__benchT0 = performance.now();
