"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { api } from "@/lib/client/api";

// Puts a draft or published post in the organization's evergreen pool (PUT /api/posts/:id/evergreen),
// re-shared at most every `days` days into free queue slots; the pool is on the Schedules page.
export function EvergreenButton({ postId, days = 30 }: { postId: string; days?: number }) {
  const toast = useToast();
  const [done, setDone] = useState(false);
  async function add() {
    try {
      await api(`/api/posts/${postId}/evergreen`, { method: "PUT", body: JSON.stringify({ minGapDays: days }) });
      setDone(true);
      toast(`Added to the evergreen pool: re-shared at most every ${days} days.`);
    } catch (e) {
      toast((e as Error).message, "error");
    }
  }
  return (
    <Button variant="secondary" onClick={add} disabled={done}>
      {done ? "Evergreen" : "Make evergreen"}
    </Button>
  );
}
