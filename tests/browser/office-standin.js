// A stand-in for office.js in browser tests (the real one loads from Microsoft's CDN, which the
// test machines cannot reach). It offers the small part of the Office.js API the pane uses, over a
// workbook described by window.__MOFAN_HOST__ = { host, displayLanguage, sheets: { name: values[][] },
// formats?: { name: numberFormat[][] }, protectedSheets?: [name], locked?: { name: [A1…] } }.
// A selection is recorded in window.__MOFAN_SELECTED__.
(function () {
  const host = window.__MOFAN_HOST__ || { host: 'Excel', displayLanguage: 'zh-CN', sheets: {} };
  const syncs = { count: 0 };
  window.__MOFAN_SYNCS__ = syncs;

  function rangeOf(values, address) {
    const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(address);
    const col = (l) => l.split('').reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
    const [r1, c1, r2, c2] = m ? [Number(m[2]), col(m[1]), Number(m[4]), col(m[3])] : [1, 1, 1, 1];
    const out = [];
    for (let r = r1; r <= r2; r++) {
      const row = [];
      for (let c = c1; c <= c2; c++) row.push((values[r - 1] || [])[c - 1] ?? '');
      out.push(row);
    }
    return out;
  }

  function context() {
    const pending = [];
    const sheetNames = Object.keys(host.sheets);
    const worksheets = {
      items: undefined,
      load() {
        pending.push(() => (worksheets.items = sheetNames.map((name) => ({ name }))));
        return worksheets;
      },
      getItem(name) {
        if (!sheetNames.includes(name)) throw new Error(`ItemNotFound: ${name}`);
        const values = host.sheets[name] || [];
        const formats = (host.formats || {})[name];
        const protection = {
          protected: undefined,
          load() {
            pending.push(() => (protection.protected = (host.protectedSheets || []).includes(name)));
            return protection;
          },
          unprotect() {
            pending.push(() => {
              host.protectedSheets = (host.protectedSheets || []).filter((n) => n !== name);
              (window.__MOFAN_LOG__ = window.__MOFAN_LOG__ || []).push(`unprotect ${name}`);
            });
          },
          protect() {
            pending.push(() => {
              host.protectedSheets = [...(host.protectedSheets || []), name];
              (window.__MOFAN_LOG__ = window.__MOFAN_LOG__ || []).push(`protect ${name}`);
            });
          },
        };
        return {
          protection,
          activate() {
            pending.push(() => (window.__MOFAN_ACTIVE__ = name));
          },
          getRange(address) {
            const write = (kind, grid) =>
              pending.push(() => {
                const m = /^([A-Z]+)(\d+)(?::[A-Z]+\d+)?$/.exec(address);
                const col = m[1].split('').reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
                const row = Number(m[2]);
                // a protected sheet refuses writes to its locked cells (host.locked lists them), as Excel does
                const locked = ((host.locked || {})[name] || []).includes(`${m[1]}${m[2]}`);
                if ((host.protectedSheets || []).includes(name) && locked) throw new Error(`the cell ${name}!${address} is locked`);
                const target = kind === 'values' ? host.sheets[name] : ((host.formats = host.formats || {})[name] = (host.formats || {})[name] || []);
                grid.forEach((line, i) => line.forEach((v, j) => ((target[row - 1 + i] = target[row - 1 + i] || [])[col - 1 + j] = v)));
                (window.__MOFAN_LOG__ = window.__MOFAN_LOG__ || []).push(`${kind} ${name}!${address}`);
              });
            return {
              set values(grid) {
                write('values', grid);
              },
              set numberFormat(grid) {
                write('numberFormat', grid);
              },
              select() {
                pending.push(() => {
                  window.__MOFAN_SELECTED__ = { sheet: name, address };
                  host.active = { sheet: name, row: Number(/\d+/.exec(address)[0]) };
                });
              },
            };
          },
          getUsedRangeOrNullObject() {
            const empty = values.every((row) => (row || []).every((v) => v === '' || v === null || v === undefined));
            const range = {
              isNullObject: undefined,
              load() {
                pending.push(() => {
                  range.isNullObject = empty;
                  if (empty) return;
                  const width = Math.max(...values.map((r) => (r || []).length));
                  range.rowIndex = 0;
                  range.columnIndex = 0;
                  range.values = values.map((r) => Array.from({ length: width }, (_, j) => ((r || [])[j] ?? '')));
                  range.numberFormat = values.map((r, i) => Array.from({ length: width }, (_, j) => (((formats || [])[i] || [])[j] ?? 'General')));
                });
                return range;
              },
            };
            return range;
          },
        };
      },
      getItemOrNullObject(name) {
        const exists = sheetNames.includes(name);
        const sheet = {
          isNullObject: undefined,
          getRange(address) {
            if (!exists) throw new Error('getRange on a null object');
            const range = {
              values: undefined,
              load() {
                pending.push(() => (range.values = rangeOf(host.sheets[name], address)));
                return range;
              },
            };
            return range;
          },
        };
        pending.push(() => (sheet.isNullObject = !exists));
        return sheet;
      },
    };
    const getActiveCell = () => {
      const ws = { name: undefined, load() { pending.push(() => (ws.name = (host.active || { sheet: sheetNames[0] }).sheet)); return ws; } };
      const cell = {
        worksheet: ws,
        rowIndex: undefined,
        load() {
          pending.push(() => (cell.rowIndex = (host.active || { row: 1 }).row - 1));
          return cell;
        },
      };
      return cell;
    };
    const insertWorksheetsFromBase64 = (b64) => {
      pending.push(() => {
        window.__MOFAN_INSERTED__ = b64.length;
        Object.assign(host.sheets, host.insertSheets || {});
        Object.assign((host.formats = host.formats || {}), host.insertFormats || {});
      });
    };
    return {
      workbook: { worksheets, getActiveCell, insertWorksheetsFromBase64 },
      async sync() {
        syncs.count += 1;
        while (pending.length) pending.shift()();
      },
    };
  }

  window.Excel = { run: async (batch) => batch(context()) };
  window.Office = {
    HostType: { Excel: 'Excel', Word: 'Word' },
    context: {
      displayLanguage: host.displayLanguage,
      requirements: {
        isSetSupported: (name, version) => name === 'ExcelApi' && Number(version) <= Number(host.excelApi || '1.13'),
      },
    },
    onReady(callback) {
      setTimeout(() => callback({ host: host.host, platform: 'OfficeOnline' }), 0);
      return Promise.resolve({ host: host.host });
    },
  };
})();
