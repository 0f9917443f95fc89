// @grafana/ui's icons load their SVG files over the network; in jsdom they are
// empty placeholders.
const React = require('react');

module.exports = {
  __esModule: true,
  default: function InlineSVG({
    src,
    title,
    innerRef,
    cacheRequests,
    preProcessor,
    loader,
    onLoad,
    onError,
    uniqueHash,
    uniquifyIDs,
    ...rest
  }) {
    return React.createElement(
      'svg',
      { ...rest, ref: innerRef, 'data-src': src },
      title ? React.createElement('title', null, title) : null
    );
  },
};
