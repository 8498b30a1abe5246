import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { decodeText, previewArtifact, previewKind } from '../../../src/extension/runPanel/artifactPreview';
import { openFileStore } from '../../../src/extension/tracking/local/fileStore';
import type { TrackingStore } from '../../../src/extension/tracking/trackingStore';

const bestSoFar = 'cdd5ebdb2081480f90aa962e56f9adfe';
const artifactZoo = '1f19b6a2c1a14cb9be001bdfb0109d95';
let store: TrackingStore;

before(async () => {
  store = await openFileStore('test/fixtures/mlflow-3.5.1/mlruns');
});
after(() => store.dispose());

test('a recorded PNG plot comes back as a data URI of exactly its bytes', async () => {
  const preview = await previewArtifact(store, bestSoFar, 'plots/loss_curve.png', 12525);
  assert.equal(preview.kind, 'image');
  if (preview.kind !== 'image') return;
  assert.ok(preview.dataUri.startsWith('data:image/png;base64,'));
  const bytes = Buffer.from(preview.dataUri.slice('data:image/png;base64,'.length), 'base64');
  assert.equal(bytes.length, 12525);
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
});

test('MLmodel, YAML, JSON and CSV artifacts are text in their format', async () => {
  const mlmodel = await previewArtifact(store, bestSoFar, 'model/MLmodel', undefined);
  assert.ok(
    mlmodel.kind === 'text' && mlmodel.format === 'mlmodel' && mlmodel.text.includes('flavors:') && !mlmodel.truncated,
  );
  const conda = await previewArtifact(store, bestSoFar, 'model/conda.yaml', undefined);
  assert.ok(conda.kind === 'text' && conda.format === 'yaml');
  const json = await previewArtifact(store, bestSoFar, 'metrics.json', undefined);
  assert.ok(json.kind === 'text' && json.format === 'json');
  const csv = await previewArtifact(store, artifactZoo, 'data.csv', undefined);
  assert.ok(csv.kind === 'text' && csv.format === 'csv' && csv.text.startsWith('x,y\n0,0\n'));
});

test('an HTML artifact is shown as its text, and a binary file gets no preview', async () => {
  const html = await previewArtifact(store, artifactZoo, 'page.html', undefined);
  assert.deepEqual(
    html.kind === 'text' && html.text.trim(),
    "<html><body><script>alert('artifact')</script></body></html>",
  );
  const binary = await previewArtifact(store, artifactZoo, 'blobs/random.bin', 1_048_576);
  assert.equal(binary.kind, 'none');
  const pickle = await previewArtifact(store, bestSoFar, 'model/model.pkl', undefined);
  assert.equal(pickle.kind, 'none');
});

test('names with spaces, percent signs and accents are read as they are', async () => {
  const report = await previewArtifact(store, artifactZoo, 'reports/100% done & ok.txt', undefined);
  assert.equal(report.kind, 'text');
  const resume = await previewArtifact(store, artifactZoo, 'reports/résumé final.txt', undefined);
  assert.equal(resume.kind, 'text');
});

test('an image over the cap is refused by its listed size without reading it', async () => {
  const preview = await previewArtifact(store, bestSoFar, 'plots/loss_curve.png', 50 * 1024 * 1024);
  assert.equal(preview.kind, 'none');
});

test('kinds by name; text decoding tolerates a character cut by the cap, not invalid bytes', () => {
  assert.deepEqual(previewKind('model/MLmodel'), { kind: 'text', format: 'mlmodel' });
  assert.deepEqual(previewKind('a/b.JPG'), { kind: 'image', mime: 'image/jpeg' });
  assert.deepEqual(previewKind('weights.npy'), { kind: 'unknown' });
  const euro = Buffer.from('price €', 'utf8');
  assert.equal(decodeText(euro.subarray(0, euro.length - 1), true), 'price ');
  assert.equal(decodeText(euro.subarray(0, euro.length - 1), false), undefined);
  assert.equal(decodeText(Buffer.from([0x61, 0x00, 0x62]), false), undefined);
});
