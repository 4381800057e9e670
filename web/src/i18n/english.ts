/** What switching to English loads, in one chunk fetched on demand: the catalogue and antd's own English texts. */
export { default as messages } from './en';
export { default as antdLocale } from 'antd/locale/en_US';
