package org.gags.scene;

/** Where {@link SceneLoader} puts a view's principal point. */
public enum PrincipalPoint {
  /**
   * At the image centre (cx = W/2, cy = H/2), as the reference does when it rebuilds intrinsics
   * from the field of view. The default.
   */
  IMAGE_CENTRE,
  /** COLMAP's calibrated cx, cy. */
  COLMAP
}
