/**
 * A small image codec in pure Java (no {@code java.desktop}): decoders for PNG, JPEG and GIF
 * ({@link io.pocketid.core.image.ImageDecoder}), a PNG encoder ({@link
 * io.pocketid.core.image.PngEncoder}), resizing ({@link io.pocketid.core.image.Raster}) and
 * generated initials avatars ({@link io.pocketid.core.image.InitialsAvatar}).
 *
 * <p>Uploaded images are decoded and re-encoded, so that only pixels are ever stored or served: no
 * metadata, no scripts, no polyglot files. The decoders check the declared dimensions against
 * {@link io.pocketid.core.image.ImageLimits} before they allocate pixel memory and never inflate
 * more data than the dimensions imply. Every failure is an {@link
 * io.pocketid.core.image.ImageException} with a message meant for the uploader.
 */
package io.pocketid.core.image;
