/**
 * Scene formats: everything the project reads from or writes to a scene folder, and the in-memory
 * types they become.
 *
 * <ul>
 *   <li>Trained Gaussians: {@link org.gags.scene.PlyReader} / {@link org.gags.scene.PlyWriter}
 *       (binary little-endian 3DGS PLY, INRIA / gsplat layout) into {@link
 *       org.gags.scene.GaussianCloud}, raw stored values.
 *   <li>Cameras: {@link org.gags.scene.ColmapReader} / {@link org.gags.scene.ColmapWriter} (COLMAP
 *       {@code cameras} and {@code images}, binary or text) into {@link
 *       org.gags.scene.ColmapModel}; {@link org.gags.scene.Camera} and {@link org.gags.scene.View}
 *       are the pinhole cameras the rest of the project uses.
 *   <li>Photos: {@link org.gags.scene.RgbImage} (PNG or JPEG, checked and decoded).
 *   <li>Labels: {@link org.gags.scene.LabelReader} / {@link org.gags.scene.LabelWriter} (LERF-OVS
 *       JSON) into {@link org.gags.scene.LabelFile}.
 *   <li>Scene folders: {@link org.gags.scene.SceneLoader} checks a folder and builds its {@link
 *       org.gags.scene.Scene} (views, PLY location, label files); {@link
 *       org.gags.scene.SceneCheck} checks the rest of what later stages read (the PLY's data, the
 *       label files), as the scan stage does.
 * </ul>
 *
 * <p>Bad input is always a {@link org.gags.scene.SceneFormatException} naming the file, where in
 * it, what was expected and what was found; file system failures are {@link
 * java.io.UncheckedIOException}s. Writers replace their target atomically. Nothing here depends on
 * Spark or on the other gags packages but {@code io} (atomic writes).
 */
package org.gags.scene;
