/**
 * The declarations a developer writes: {@link dev.browserstorage.annotation.LocalStorage},
 * {@link dev.browserstorage.annotation.SessionStorage} and {@link dev.browserstorage.annotation.Cookie}
 * on a class or record make it a typed store; {@link dev.browserstorage.annotation.Key} and
 * {@link dev.browserstorage.annotation.Ttl} refine one field. All have CLASS retention: they are read by
 * the annotation processor, never by reflection.
 */
package dev.browserstorage.annotation;
