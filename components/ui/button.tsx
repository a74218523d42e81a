import type { ButtonHTMLAttributes } from "react";

// A disabled button must look disabled in every variant (faded, no hover change, a not-allowed
// cursor): a bordered "Post now" that only lost its hover looked as clickable as ever.
type Variant = "primary" | "secondary" | "danger" | "ghost";
const styles: Record<Variant, string> = {
  primary: "bg-brand-600 text-white hover:bg-brand-700 disabled:hover:bg-brand-600",
  secondary:
    "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50 disabled:border-slate-200 disabled:bg-slate-100 disabled:hover:bg-slate-100",
  danger: "border border-red-200 bg-white text-red-700 hover:bg-red-50 disabled:hover:bg-white",
  ghost: "text-slate-700 hover:bg-slate-100 disabled:hover:bg-transparent",
};

export function Button({ variant = "primary", className = "", ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return (
    <button
      {...props}
      className={`inline-flex items-center justify-center gap-2 rounded-md px-3.5 py-2 text-sm font-medium transition disabled:cursor-not-allowed disabled:opacity-50 ${styles[variant]} ${className}`}
    />
  );
}
