import fs from "node:fs";
const t = performance.now(); let n = 0;
const s = fs.createReadStream(process.argv[2], { highWaterMark: +process.argv[3] });
s.on("data", c => n += c.length); s.on("end", () => console.log("node read", process.argv[3], n, (performance.now()-t).toFixed(0)));
