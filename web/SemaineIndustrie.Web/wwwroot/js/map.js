// The public map: the catalogue's GeoJSON (same filters as the page), clustered; the list beside it follows
// the map's view. Text from the catalogue is only ever set as textContent (never parsed as HTML).
(function () {
  'use strict';
  var element = document.getElementById('map');
  if (!element || !window.L) return;
  var data = element.dataset;
  var franceBounds = L.latLngBounds([41.2, -5.5], [51.3, 9.8]);

  var map = L.map(element, { zoomSnap: 0.5, minZoom: 3, maxZoom: 18 });
  if (data.tiles) L.tileLayer(data.tiles, { attribution: data.attribution || '', maxZoom: 18 }).addTo(map);
  map.fitBounds(franceBounds);

  // Chunked: thousands of markers are added without freezing the page. When the last chunk is in, the
  // clusters are drawn: the map is ready (data-ready; data-ready-ms is the time since navigation, for bench/).
  var clusters = L.markerClusterGroup({
    showCoverageOnHover: false, chunkedLoading: true,
    chunkProgress: function (processed, total) { if (total > 0 && processed === total) ready(); }
  });
  var readyOnce = false;
  function ready() {
    if (readyOnce) return;
    readyOnce = true;
    renderList();
    map.on('moveend', function () { renderList(); keepViewInUrl(); });
    element.dataset.readyMs = String(Math.round(performance.now()));
    element.dataset.ready = 'true';
  }
  map.addLayer(clusters);

  var list = document.getElementById('event-list');
  var count = document.getElementById('event-list-count');
  var next = document.querySelector('.event-list .fr-link');
  var features = [];
  var dateFormat = new Intl.DateTimeFormat(data.culture || 'fr', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' });

  function link(feature) {
    var a = document.createElement('a');
    a.href = '/evenements/' + encodeURIComponent(feature.id);
    a.textContent = feature.properties.title;
    if (data.target) { a.target = data.target; a.rel = 'noopener'; }
    return a;
  }

  // The event's picture, lazily loaded, its size given (nothing moves when it arrives); its address is the catalogue's own.
  function picture(feature, className) {
    var p = feature.properties.picture;
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
    var image = picture(feature, 'map-popup__picture');
    if (image) box.appendChild(image);
    var title = document.createElement('p');
    title.className = 'fr-text--bold fr-mb-1v';
    title.appendChild(link(feature));
    var when = document.createElement('p');
    when.className = 'fr-text--sm fr-mb-0';
    when.textContent = dateFormat.format(new Date(feature.properties.startsAt)) + ' — ' + feature.properties.commune;
    box.appendChild(title);
    box.appendChild(when);
    return box;
  }

  function renderList() {
    var bounds = map.getBounds();
    var visible = features.filter(function (f) {
      return bounds.contains([f.geometry.coordinates[1], f.geometry.coordinates[0]]);
    }).sort(function (a, b) { return a.properties.startsAt < b.properties.startsAt ? -1 : 1; });
    list.replaceChildren();
    visible.slice(0, 100).forEach(function (f) {
      var item = document.createElement('li');
      item.className = 'event-card';
      item.dataset.id = f.id;
      var thumbnail = picture(f, 'event-card__picture');
      if (thumbnail) item.appendChild(thumbnail);
      var title = document.createElement('h3');
      title.className = 'fr-h6 fr-mb-1v';
      title.appendChild(link(f));
      var when = document.createElement('p');
      when.className = 'fr-text--sm fr-mb-0';
      when.textContent = dateFormat.format(new Date(f.properties.startsAt)) + ' — ' + f.properties.commune + ' (' + f.properties.departement + ')';
      item.appendChild(title);
      item.appendChild(when);
      list.appendChild(item);
    });
    // At most 100 in the list (keyboard and screen-reader users reach each event through it): say so when more are in view.
    count.textContent = visible.length === 0 ? data.none
      : data.inView.replace('{0}', visible.length) + (visible.length > 100 ? ' ' + data.truncated : '');
    if (next) next.hidden = true; // the list now follows the map, not the server's pages
  }

  function keepViewInUrl() {
    var b = map.getBounds();
    var bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (v) { return v.toFixed(4); }).join(',');
    var url = new URL(window.location.href);
    url.searchParams.set('bbox', bbox);
    url.searchParams.delete('cursor');
    window.history.replaceState(null, '', url);
  }

  fetch(data.geojson, { headers: { Accept: 'application/geo+json' } })
    .then(function (response) { if (!response.ok) throw new Error('catalogue ' + response.status); return response.json(); })
    .then(function (collection) {
      features = collection.features;
      var markers = features.map(function (f) {
        var marker = L.marker([f.geometry.coordinates[1], f.geometry.coordinates[0]], { title: f.properties.title, alt: f.properties.title });
        marker.bindPopup(function () { return popup(f); });
        return marker;
      });
      // The view first (the shared bbox, else every event), so that clusters are computed once, at that zoom.
      if (data.bbox) {
        var p = data.bbox.split(',').map(Number);
        if (p.length === 4 && p.every(isFinite)) map.fitBounds([[p[1], p[0]], [p[3], p[2]]]);
      } else if (markers.length > 0) {
        map.fitBounds(L.latLngBounds(features.map(function (f) { return [f.geometry.coordinates[1], f.geometry.coordinates[0]]; })), { maxZoom: 12, padding: [20, 20] });
      }
      clusters.addLayers(markers);
      if (markers.length === 0) ready();
    })
    .catch(function () { element.dataset.ready = 'error'; });

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
