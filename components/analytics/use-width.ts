"use client";
import { useCallback, useState } from "react";

/**
 * The width of an element in CSS pixels, kept current as it resizes, so an SVG can be drawn at
 * its real size (text at its real font size) instead of a fixed picture scaled to fit. Until the
 * element is measured (server render) it is `fallback`. The ref is a callback, so an element that
 * appears later (a chart once it has data) is measured too.
 */
export function useWidth<T extends HTMLElement>(fallback: number) {
  const [width, setWidth] = useState(fallback);
  const ref = useCallback((el: T | null) => {
    if (!el) return;
    const measure = () => setWidth((w) => Math.floor(el.clientWidth) || w);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}
