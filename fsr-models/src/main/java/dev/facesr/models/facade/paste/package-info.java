/**
 * Paste-back of restored faces: the {@link dev.facesr.models.facade.paste.FeatheredPaster} with
 * its {@link dev.facesr.models.facade.paste.ColorMatching} modes.
 */
package dev.facesr.models.facade.paste;
