import { createClient } from '@libsql/client';
const c = createClient({ url: 'file:/tmp/t1.db' });
await c.execute('PRAGMA journal_mode=WAL'); await c.execute('PRAGMA synchronous=OFF');
const cols = 26;
await c.execute(`CREATE TABLE t (${Array.from({length:cols},(_,i)=>'c'+i+(i==0?' integer primary key':' ')).join(',')})`);
await c.execute(`CREATE TABLE u (${Array.from({length:cols},(_,i)=>'c'+i+(i==0?' integer primary key':' ')).join(',')})`);
const mk = (id) => Array.from({length:cols},(_,i)=> i==0?id: i%3==0? i*7 : 'some text value '+id);
let t=performance.now(); let id=0;
for (let k=0;k<20;k++){ const stmts=[]; for(let j=0;j<17;j++){ const args=[]; const ph=[]; for(let i=0;i<300;i++){id++;args.push(...mk(id));ph.push('('+Array(cols).fill('?').join(',')+')');} stmts.push({sql:'INSERT INTO t VALUES '+ph.join(','),args}); } await c.batch(stmts,'write'); }
console.log('params', id, (id/((performance.now()-t)/1000))|0, 'rows/s');
t=performance.now(); id=0;
const sel = Array.from({length:cols},(_,i)=>`value->>${i}`).join(',');
for (let k=0;k<20;k++){ const rows=[]; for(let i=0;i<5000;i++){id++;rows.push(mk(id));} await c.batch([{sql:`INSERT INTO u SELECT ${sel} FROM json_each(?)`,args:[JSON.stringify(rows)]}],'write'); }
console.log('json', id, (id/((performance.now()-t)/1000))|0, 'rows/s');
