// The public map: what it draws at its zoom comes clustered from the catalogue (/api/catalogue/clusters, same filters as
// the page), so a phone downloads a few dozen markers for France instead of every event; the list beside it shows the
// events in view (/api/catalogue/events?bbox=). Text from the catalogue is only ever set as textContent (never parsed as HTML).
(function () {
  'use strict';
  var element = document.getElementById('map');
  if (!element || !window.L) return;
  var data = element.dataset;
  var franceBounds = L.latLngBounds([41.2, -5.5], [51.3, 9.8]);
  var MAX_CLUSTER_ZOOM = 16; // deeper, every event is its own marker (the catalogue's MapClusters.MaxZoom)

  var map = L.map(element, { zoomSnap: 0.5, minZoom: 3, maxZoom: 18 });
  if (data.tiles) L.tileLayer(data.tiles, { attribution: data.attribution || '', maxZoom: 18 }).addTo(map);
  var markers = L.layerGroup().addTo(map);

  var list = document.getElementById('event-list');
  var count = document.getElementById('event-list-count');
  var next = document.querySelector('.event-list .fr-link');
  var dateFormat = new Intl.DateTimeFormat(data.culture || 'fr', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' });
  var numberFormat = new Intl.NumberFormat(data.culture || 'fr');

  function link(id, title) {
    var a = document.createElement('a');
    a.href = '/evenements/' + encodeURIComponent(id);
    a.textContent = title;
    if (data.target) { a.target = data.target; a.rel = 'noopener'; }
    return a;
  }

  // The event's picture, lazily loaded, its size given (nothing moves when it arrives); its address is the catalogue's own.
  function picture(p, className) {
    if (!p || typeof p.url !== 'string' || p.url.indexOf('/api/catalogue/pictures/') !== 0) return null;
    var img = document.createElement('img');
    img.className = className;
    img.src = p.url;
    img.width = p.width;
    img.height = p.height;
    img.alt = p.alt || '';
    img.loading = 'lazy';
    img.decoding = 'async';
    return img;
  }

  function popup(feature) {
    var box = document.createElement('div');
    var image = picture(feature.properties.picture, 'map-popup__picture');
    if (image) box.appendChild(image);
    var title = document.createElement('p');
    title.className = 'fr-text--bold fr-mb-1v';
    title.appendChild(link(feature.id, feature.properties.title));
    var when = document.createElement('p');
    when.className = 'fr-text--sm fr-mb-0';
    when.textContent = dateFormat.format(new Date(feature.properties.startsAt)) + ' — ' + feature.properties.commune;
    box.appendChild(title);
    box.appendChild(when);
    return box;
  }

  // A cluster: its count in a circle (sized by how many it holds); a click or Enter zooms to the events it covers.
  function clusterMarker(feature, latLng) {
    var n = feature.properties.count;
    var size = n < 10 ? 'small' : n < 100 ? 'medium' : 'large';
    var label = data.clusterLabel ? data.clusterLabel.replace('{0}', numberFormat.format(n)) : String(n);
    var marker = L.marker(latLng, {
      icon: L.divIcon({ html: '<div><span aria-hidden="true">' + numberFormat.format(n) + '</span></div>', className: 'marker-cluster marker-cluster-' + size, iconSize: L.point(40, 40) }),
      title: label, alt: label, keyboard: true
    });
    var b = feature.properties.bounds;
    marker.on('click', function () {
      var target = L.latLngBounds([b[1], b[0]], [b[3], b[2]]);
      var zoom = Math.min(map.getBoundsZoom(target.pad(0.1)), MAX_CLUSTER_ZOOM + 1);
      map.setView(target.getCenter(), Math.max(zoom, Math.floor(map.getZoom()) + 1));
    });
    return marker;
  }

  function eventMarker(feature, latLng) {
    var marker = L.marker(latLng, { title: feature.properties.title, alt: feature.properties.title });
    marker.bindPopup(function () { return popup(feature); });
    return marker;
  }

  function viewBox() {
    var b = map.getBounds();
    return [Math.max(b.getWest(), -180), Math.max(b.getSouth(), -90), Math.min(b.getEast(), 180), Math.min(b.getNorth(), 90)]
      .map(function (v) { return v.toFixed(4); }).join(',');
  }

  function withQuery(base, extra) {
    return base + (base.indexOf('?') < 0 ? '?' : '&') + extra;
  }

  function getJson(url) {
    return fetch(url, { headers: { Accept: 'application/json, application/geo+json' } })
      .then(function (response) { if (!response.ok) throw new Error('catalogue ' + response.status); return response.json(); });
  }

  // Only the answer to the latest view is drawn (a slower earlier answer is dropped). data-ready is 'loading' from the
  // moment the view changes until the markers and the list show it, then 'true' (data-ready-ms: the first time, in
  // milliseconds since navigation, for bench/).
  var generation = 0;
  function load() {
    var mine = ++generation;
    element.dataset.ready = 'loading';
    var bbox = viewBox();
    var zoom = Math.floor(map.getZoom());
    var clusters = getJson(withQuery(data.clusters, 'zoom=' + zoom + '&bbox=' + bbox));
    var events = getJson(withQuery(data.events, 'limit=100&bbox=' + bbox));
    return Promise.all([clusters, events]).then(function (answers) {
      if (mine !== generation) return;
      draw(answers[0]);
      renderList(answers[1].items, answers[0].inView);
      if (!element.dataset.readyMs) element.dataset.readyMs = String(Math.round(performance.now()));
      element.dataset.ready = 'true';
    });
  }

  function draw(collection) {
    markers.clearLayers();
    collection.features.forEach(function (f) {
      var latLng = [f.geometry.coordinates[1], f.geometry.coordinates[0]];
      markers.addLayer(f.properties.cluster ? clusterMarker(f, latLng) : eventMarker(f, latLng));
    });
  }

  function renderList(items, inView) {
    list.replaceChildren();
    items.forEach(function (e) {
      var item = document.createElement('li');
      item.className = 'event-card';
      item.dataset.id = e.id;
      var thumbnail = e.picture && e.picture.sources ? picture(thumbnailOf(e.picture), 'event-card__picture') : null;
      if (thumbnail) item.appendChild(thumbnail);
      var title = document.createElement('h3');
      title.className = 'fr-h6 fr-mb-1v';
      title.appendChild(link(e.id, e.title));
      var when = document.createElement('p');
      when.className = 'fr-text--sm fr-mb-0';
      when.textContent = dateFormat.format(new Date(e.startsAt)) + ' — ' + e.venue.communeName + ' (' + e.venue.departement + ')';
      item.appendChild(title);
      item.appendChild(when);
      list.appendChild(item);
    });
    // At most 100 in the list (keyboard and screen-reader users reach each event through it): say so when more are in view.
    count.textContent = inView === 0 ? data.none
      : data.inView.replace('{0}', inView) + (inView > items.length ? ' ' + data.truncated : '');
    if (next) next.hidden = true; // the list now follows the map, not the server's pages
  }

  // The list's thumbnail: the smallest size at least 320 pixels wide (as the server's list and the GeoJSON choose).
  function thumbnailOf(p) {
    var sizes = p.sources; // smallest first
    var size = sizes.filter(function (s) { return s.width >= 320; })[0] || sizes[sizes.length - 1];
    return size ? { url: size.url, width: size.width, height: size.height, alt: p.alt } : null;
  }

  function keepViewInUrl() {
    var url = new URL(window.location.href);
    url.searchParams.set('bbox', viewBox());
    url.searchParams.delete('cursor');
    window.history.replaceState(null, '', url);
  }

  // The view first (the shared bbox, else metropolitan France), then what it shows; then every move redraws.
  var shared = data.bbox ? data.bbox.split(',').map(Number) : [];
  if (shared.length === 4 && shared.every(isFinite)) map.fitBounds([[shared[1], shared[0]], [shared[3], shared[2]]]);
  else map.fitBounds(franceBounds);
  load().then(function () {
    map.on('moveend', function () { keepViewInUrl(); load().catch(function () { element.dataset.ready = 'error'; }); });
  }).catch(function () { element.dataset.ready = 'error'; });

  var nearMe = document.getElementById('near-me');
  if (nearMe && 'geolocation' in navigator) {
    nearMe.hidden = false;
    nearMe.addEventListener('click', function () {
      navigator.geolocation.getCurrentPosition(function (position) {
        map.setView([position.coords.latitude, position.coords.longitude], 11);
      });
    });
  }
})();
