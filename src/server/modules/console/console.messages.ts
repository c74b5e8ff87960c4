import { registerMessages } from '../../i18n.js';

/** Strings of the server side of the agent console (the page shown when it is not built). */
const enUS = {
  notBuilt: {
    title: 'Agent console not built',
    heading: 'The agent console has not been built yet',
    body: 'This server cannot find the console’s files (dist/web). Build them with “npm run build” — “npm start” does it for you — then reload this page.',
    dev: 'Developing? Run “npm run dev:web” for a live-reloading console.',
    retry: 'Reload',
  },
};

type ConsoleServerMessages = typeof enUS;

const zhCN: ConsoleServerMessages = {
  notBuilt: {
    title: '客服工作台尚未构建',
    heading: '客服工作台尚未构建',
    body: '服务器找不到工作台文件（dist/web）。请运行“npm run build”进行构建（“npm start”会自动构建），然后刷新此页面。',
    dev: '正在开发？运行“npm run dev:web”可启动支持热更新的工作台。',
    retry: '刷新',
  },
};

registerMessages('console', { 'en-us': enUS, 'zh-cn': zhCN });
