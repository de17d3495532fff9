"""Stories: online clustering of articles into stories, threads across stories, and timelines."""

from newsdesk.stories.cluster import ClusterDoc, ClusterParams, OnlineClusterer, cluster_stream
from newsdesk.stories.threads import (
    StoryProfile,
    ThreadParams,
    link_score,
    link_threads,
    make_story,
    profile_story,
)
from newsdesk.stories.timeline import story_timeline, thread_timeline

__all__ = [
    "ClusterDoc",
    "ClusterParams",
    "OnlineClusterer",
    "StoryProfile",
    "ThreadParams",
    "cluster_stream",
    "link_score",
    "link_threads",
    "make_story",
    "profile_story",
    "story_timeline",
    "thread_timeline",
]
