/**
 * The root error page's words, in both languages. They are the one text the browser bundle carries:
 * when the root loader itself fails there is no dictionary to read, and the page must still speak.
 * zh.ts and en.ts take them from here, so each is written once.
 */
export const errorPage = {
  zh: {
    'error.title': '出错了',
    'error.notFound': '页面不存在',
    'error.back': '返回首页',
    'error.generic': '服务器暂时无法处理请求，请稍后再试。',
  },
  en: {
    'error.title': 'Something went wrong',
    'error.notFound': 'Page not found',
    'error.back': 'Back to the home page',
    'error.generic': 'The server could not handle the request. Please try again later.',
  },
} as const;
