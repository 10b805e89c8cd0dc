// `npm start`: sideload the add-in into desktop Excel (Windows/macOS) with office-addin-debugging.
// On Linux there is no desktop Excel: say so politely and point at Excel on the web.
import { spawn } from 'node:child_process';

if (process.platform !== 'win32' && process.platform !== 'darwin') {
  const zh = /^zh/i.test(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '');
  console.error(
    zh
      ? [
          'npm start 只能在 Windows 或 macOS 的桌面版 Excel 中旁加载本加载项（当前系统：' + process.platform + '）。',
          '在 Linux 上：运行 npm run build，将 dist/ 部署到 HTTPS 网站（ADDIN_URL=https://… npm run build），',
          '然后在网页版 Excel 中“开始 → 加载项 → 更多设置 → 上传我的加载项”，选择 dist/manifest.xml。详见 README。',
        ].join('\n')
      : [
          `npm start sideloads the add-in into desktop Excel on Windows or macOS only (this system: ${process.platform}).`,
          'On Linux: run npm run build, host dist/ over HTTPS (ADDIN_URL=https://… npm run build),',
          'then in Excel on the web choose Home → Add-ins → More settings → Upload My Add-in and pick dist/manifest.xml. See README.',
        ].join('\n'),
  );
  process.exit(1);
}

const child = spawn('npx', ['office-addin-debugging', 'start', 'manifest.xml', 'desktop', '--app', 'excel', '--dev-server', 'npm run dev-server', '--dev-server-port', '3000'], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
child.on('exit', (code) => process.exit(code ?? 1));
