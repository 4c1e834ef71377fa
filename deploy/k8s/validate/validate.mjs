// Validates rendered manifests (stdin, multi-document YAML) offline: Kubernetes kinds with kubernetes-models'
// schemas, KEDA with @kubernetes-models/keda, the RabbitMQ and CloudNativePG custom resources with their CRDs'
// openAPIV3Schema (vendored in crds/); then the platform's own rules (replicas, probes, limits, non-root,
// migrations outside the rollout, no committed Secret). Exit code 1 and one line per problem when anything fails.
import { readFileSync } from "node:fs";
import { parseAllDocuments, parse } from "yaml";
import Ajv from "ajv";

const problems = [];
const docs = parseAllDocuments(readFileSync(0, "utf8")).map(d => d.toJS()).filter(Boolean);

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false }); // formats (int32, date-time…) are Kubernetes's, not checked here
const crdValidators = {};
for (const file of ["crds/rabbitmq.com_rabbitmqclusters.yaml", "crds/postgresql.cnpg.io_clusters.yaml"]) {
  const crd = parse(readFileSync(new URL(file, import.meta.url), "utf8"));
  for (const version of crd.spec.versions) {
    crdValidators[`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`] = ajv.compile(version.schema.openAPIV3Schema);
  }
}

async function model(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  if (group.endsWith("keda.sh")) return (await import(`@kubernetes-models/keda/${group}/${version}`))[kind];
  const path = group === "" ? version : `${group}/${version}`;
  try { return (await import(`kubernetes-models/${path}/${kind}`))[kind]; } catch { return undefined; }
}

for (const doc of docs) {
  const id = `${doc.kind}/${doc.metadata?.name}`;
  const crd = crdValidators[`${doc.apiVersion}/${doc.kind}`];
  if (doc.apiVersion === "postgresql.cnpg.io/v1" && doc.kind === "ScheduledBackup") {
    // No vendored schema: the operator's documented fields, checked here.
    const spec = doc.spec ?? {};
    if (!spec.cluster?.name) problems.push(`${id}: spec.cluster.name required`);
    if (typeof spec.schedule !== "string" || spec.schedule.trim().split(/\s+/).length !== 6) problems.push(`${id}: spec.schedule must be a six-field cron (seconds first)`);
    if (spec.method && !["barmanObjectStore", "volumeSnapshot", "plugin"].includes(spec.method)) problems.push(`${id}: unknown method ${spec.method}`);
    if (spec.target && !["primary", "prefer-standby"].includes(spec.target)) problems.push(`${id}: unknown target ${spec.target}`);
    const known = ["cluster", "schedule", "method", "target", "immediate", "suspend", "backupOwnerReference", "online", "onlineConfiguration", "pluginConfiguration"];
    for (const key of Object.keys(spec)) if (!known.includes(key)) problems.push(`${id}: unknown field spec.${key}`);
    continue;
  }
  if (crd) {
    if (!crd(doc)) problems.push(`${id}: ${ajv.errorsText(crd.errors)}`);
  } else {
    const Model = await model(doc.apiVersion, doc.kind);
    if (!Model) { problems.push(`${id}: no schema for ${doc.apiVersion} ${doc.kind}`); continue; }
    try { new Model(doc).validate(); } catch (e) { problems.push(`${id}: ${e.message.split("\n").slice(0, 4).join(" ")}`); }
  }

  // The platform's rules.
  if (doc.kind === "Secret" && (doc.data || doc.stringData)) problems.push(`${id}: a Secret with values is committed`);
  if (doc.kind === "Deployment") {
    const spec = doc.spec, pod = spec.template.spec;
    if ((spec.replicas ?? 1) < 2) problems.push(`${id}: fewer than 2 replicas`);
    if (!pod.securityContext?.runAsNonRoot) problems.push(`${id}: not runAsNonRoot`);
    for (const c of pod.containers) {
      if (!c.readinessProbe || !c.livenessProbe) problems.push(`${id}/${c.name}: readiness and liveness probes required`);
      if (!c.resources?.requests?.memory || !c.resources?.limits?.memory) problems.push(`${id}/${c.name}: memory requests and limits required`);
      const env = Object.fromEntries((c.env ?? []).map(e => [e.name, e.value]));
      if ("ConnectionStrings__Postgres" in env && env.Database__MigrateOnStartup !== "false")
        problems.push(`${id}/${c.name}: Database__MigrateOnStartup must be "false" (the migration Job runs before the rollout)`);
      // A value named like a secret (…Password, …Secret, …Key; not e.g. Web__KeysFolder, a path) must come from a Secret.
      if ((c.env ?? []).some(e => /PASSWORD|SECRET|KEY$/i.test(e.name) && e.value)) problems.push(`${id}/${c.name}: a secret value in env (use secretKeyRef)`);
    }
    // Behind the gateway, a process that trusts no proxy sees every visitor as the gateway's address (one rate-limit
    // bucket for everybody) and the gateway's scheme; the gateway itself must name the ingress controller's network.
    const trust = doc.metadata.name === "gateway" ? "Gateway__TrustedProxies__0" : "ForwardedHeaders__KnownNetworks__0";
    for (const c of pod.containers) {
      const entry = (c.env ?? []).find(e => e.name === trust);
      if (!entry || !(entry.value || entry.valueFrom)) problems.push(`${id}/${c.name}: trusts no proxy (${trust}): every visitor would be one address`);
    }
    if (!docs.some(d => d.kind === "PodDisruptionBudget" && d.spec.selector?.matchLabels?.["app.kubernetes.io/name"] === doc.metadata.name))
      problems.push(`${id}: no PodDisruptionBudget`);
  }
}
if (!docs.some(d => d.kind === "NetworkPolicy" && Object.keys(d.spec.podSelector ?? {}).length === 0)) problems.push("no default-deny NetworkPolicy");
// Every database is backed up: WAL archived continuously, encrypted, kept, and a scheduled base backup that names it.
for (const db of docs.filter(d => d.apiVersion === "postgresql.cnpg.io/v1" && d.kind === "Cluster")) {
  const backup = db.spec.backup, store = backup?.barmanObjectStore;
  if (!store?.destinationPath) problems.push(`Cluster/${db.metadata.name}: no backup.barmanObjectStore (WAL archiving and base backups)`);
  else if (store.wal?.encryption !== "AES256" || store.data?.encryption !== "AES256") problems.push(`Cluster/${db.metadata.name}: backups not encrypted (wal and data: AES256)`);
  if (!backup?.retentionPolicy) problems.push(`Cluster/${db.metadata.name}: no backup.retentionPolicy`);
  if (!docs.some(d => d.kind === "ScheduledBackup" && d.spec?.cluster?.name === db.metadata.name)) problems.push(`Cluster/${db.metadata.name}: no ScheduledBackup`);
}

for (const p of problems) console.error(`✗ ${p}`);
console.log(`${docs.length} documents, ${problems.length} problem(s)`);
process.exit(problems.length ? 1 : 0);
