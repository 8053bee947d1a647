/**
 * Images built in memory: {@link dev.berth.client.image.Layer}s from bytes or files, an
 * {@link dev.berth.client.image.Image} of them for one platform, and an
 * {@link dev.berth.client.image.ImageIndex} of several, copied to a registry, a layout or an archive through
 * {@link dev.berth.client.copy.ImageLocation#of(dev.berth.client.image.Image)}.
 */
package dev.berth.client.image;
