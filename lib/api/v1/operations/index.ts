import type { Operation } from "../operation";
import { disableChannelOp, getChannelOp, listChannelsOp } from "./channels";
import { analyticsOverviewOp, channelAnalyticsOp, postAnalyticsOp } from "./analytics";
import { deleteMediaOp, importMediaOp, listMediaOp, uploadMediaOp } from "./media";
import { addFeedOp, checkFeedOp, deleteFeedOp, listFeedsOp } from "./feeds";
import { importPostsOp } from "./imports";
import { openApiOp } from "./meta";
import { addToQueueOp, createSeriesOp, freeSlotsOp, listSchedulesOp, saveSchedulesOp, stopSeriesOp } from "./planning";
import { createChannelSetOp, createSignatureOp, listChannelSetsOp, listSignaturesOp } from "./reuse";
import { createChannelGroupOp, listChannelGroupsOp } from "./groups";
import {
  cancelPostOp,
  createPostOp,
  deletePostOp,
  duplicatePostOp,
  getPostOp,
  listPostsOp,
  reschedulePostOp,
  retryTargetOp,
  updatePostOp,
} from "./posts";

// Every /api/v1 operation, in the order the reference shows them. A new route's declaration is
// added here; tests/integration/api-v1/spec.test.ts fails when a route file and this list disagree.
export const V1_OPERATIONS: readonly Operation[] = [
  openApiOp,
  listChannelsOp,
  getChannelOp,
  disableChannelOp,
  listPostsOp,
  createPostOp,
  getPostOp,
  updatePostOp,
  deletePostOp,
  reschedulePostOp,
  cancelPostOp,
  duplicatePostOp,
  retryTargetOp,
  importPostsOp,
  listFeedsOp,
  addFeedOp,
  deleteFeedOp,
  checkFeedOp,
  listMediaOp,
  uploadMediaOp,
  importMediaOp,
  deleteMediaOp,
  analyticsOverviewOp,
  channelAnalyticsOp,
  postAnalyticsOp,
  listSchedulesOp,
  saveSchedulesOp,
  freeSlotsOp,
  addToQueueOp,
  createSeriesOp,
  stopSeriesOp,
  listChannelSetsOp,
  createChannelSetOp,
  listSignaturesOp,
  createSignatureOp,
  listChannelGroupsOp,
  createChannelGroupOp,
];
