"use client";
import { Button } from "@/components/ui/button";

// Deleting an occurrence of a recurring post: this one, this and the following ones, or stop the
// series from now on. Occurrences already published stay, in the app and on the platforms.

type Act = (label: string, url: string, method?: string) => Promise<void>;

export function SeriesDeleteButtons({ postId, act }: { postId: string; act: Act }) {
  const ask = (what: string) => confirm(`${what} Published posts stay on the platforms.`);
  return (
    <>
      <Button
        variant="danger"
        onClick={() => ask("Delete this post only?") && act("Post deleted.", `/api/posts/${postId}/occurrence?scope=this`, "DELETE")}
      >
        Delete this one
      </Button>
      <Button
        variant="danger"
        onClick={() =>
          ask("Delete this post and every later one of the series?") &&
          act("This and the following posts were deleted.", `/api/posts/${postId}/occurrence?scope=following`, "DELETE")
        }
      >
        Delete this and following
      </Button>
      <Button
        variant="secondary"
        onClick={() =>
          ask("Stop the series? Posts not yet sent are removed.") && act("The series was stopped.", `/api/posts/${postId}/series`, "DELETE")
        }
      >
        Stop series
      </Button>
    </>
  );
}
