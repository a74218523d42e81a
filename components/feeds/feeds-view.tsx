"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import type { FeedView } from "@/lib/feeds/queries";
import { FeedCard } from "./feed-card";
import { FeedForm, type ChannelChoice } from "./feed-form";

export function FeedsView({ feeds, channels }: { feeds: FeedView[]; channels: ChannelChoice[] }) {
  const router = useRouter();
  const [added, setAdded] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  return (
    <div className="max-w-3xl space-y-6">
      {feeds.map((f) => (
        <FeedCard key={f.id} feed={f} channels={channels} onChanged={() => router.refresh()} />
      ))}
      <Card title="Add a feed" description="Check the address to see the feed's title and latest items, then pick where its new items go.">
        {added && (
          <div className="mb-3">
            <Alert tone="success">{added}</Alert>
          </div>
        )}
        <FeedForm
          key={formKey}
          channels={channels}
          onDone={(text) => {
            setAdded(text);
            setFormKey((k) => k + 1);
            router.refresh();
          }}
        />
      </Card>
    </div>
  );
}
