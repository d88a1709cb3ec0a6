export { addDays, dayStart, localDay } from '../../clock/time-zones.ts';
export { chapterTimeZone, getChapterPledge } from './access.ts';
export { exportSignatures, recordSignatureExport, type SignatureExport } from './export.ts';
export * from './manage.ts';
export * from './schemas.ts';
export { type SeedSignature, seedSignatures } from './seed.ts';
export { getSignatureDetail, type SignatureDetail } from './signature-detail.ts';
export {
  listSignatures,
  type SignatureListItem,
  type SignaturePage,
  signatureBatches,
} from './signatures-query.ts';
export { type PledgeStats, pledgeStats } from './stats.ts';
