/** GET: the result's documents; POST (multipart/form-data: `purpose`, then `file`): attach one. */
export { subjectDocumentsLoader as loader, subjectDocumentsAction as action } from '#app/lib/document-routes.server.ts';
