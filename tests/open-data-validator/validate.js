// Validates a published data package with the Frictionless libraries: the descriptor against the Data Package profile,
// each tabular resource's Table Schema against the Table Schema profile, then every row of its CSV against that schema
// (types, formats, required, unique, pattern, enum, minimum/maximum, maxLength) and its header against the field names.
// Usage: node validate.js <datapackage.json address or path>. Prints one JSON line; exit code 0 when valid, 1 otherwise.
const { Package } = require('datapackage');

(async () => {
  const report = { valid: true, errors: [], rows: {} };
  const fail = (message) => { report.valid = false; report.errors.push(message); };
  try {
    const dataPackage = await Package.load(process.argv[2], { strict: false });
    if (!dataPackage.valid) dataPackage.errors.forEach((e) => fail(`descriptor: ${e.message}`));
    for (const resource of dataPackage.resources) {
      if (resource.descriptor.profile !== 'tabular-data-resource') continue;
      if (!resource.valid) resource.errors.forEach((e) => fail(`${resource.name}: ${e.message}`));
      try {
        const rows = await resource.read({ keyed: true });
        report.rows[resource.name] = rows.length;
      } catch (error) {
        fail(`${resource.name}: ${error.message}`);
        (error.errors || []).forEach((e) => fail(`${resource.name}: ${e.message}`));
      }
    }
  } catch (error) {
    fail(error.message);
  }
  console.log(JSON.stringify(report));
  process.exit(report.valid ? 0 : 1);
})();
