"""The yardstick ws_bench.py compares Quiver's live channel with: the least a live feed can do.

POST /yard/ws/shot inserts a row and NOTIFYs its JSON in the same statement; one shared LISTEN
connection hands every payload to an in-memory queue per WebSocket client, each drained by its
own task. No authentication, no data loading, no heartbeat, no queue limit.

Run with: DATABASE_URL=... python -m uvicorn scripts.bench.ws_yardstick:app --port 18083
"""

import asyncio
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from uuid import UUID

import asyncpg
from fastapi import FastAPI, Request, WebSocket
from pydantic import BaseModel, ConfigDict

CHANNEL = "yard_ws"


class YardShot(BaseModel):
    """The body of the yardstick's POST."""

    model_config = ConfigDict(extra="forbid")
    slot_id: UUID
    x_mm: float
    y_mm: float
    value: int


@asynccontextmanager
async def lifespan(application: FastAPI) -> AsyncIterator[None]:
    dsn = os.environ["DATABASE_URL"]
    pool = await asyncpg.create_pool(dsn, min_size=1, max_size=10)
    await pool.execute("""CREATE TABLE IF NOT EXISTS yard_ws_shot (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(), slot_id uuid NOT NULL,
        x_mm float8 NOT NULL, y_mm float8 NOT NULL, value int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now())""")
    clients: set[asyncio.Queue[str]] = set()

    def fan_out(_conn: object, _pid: int, _channel: str, payload: object) -> None:
        for queue in clients:
            queue.put_nowait(str(payload))

    listener = await asyncpg.connect(dsn)
    await listener.add_listener(CHANNEL, fan_out)
    application.state.pool = pool
    application.state.clients = clients
    yield
    await listener.close()
    await pool.close()


app = FastAPI(lifespan=lifespan)


@app.post("/yard/ws/shot", status_code=201)
async def create(shot: YardShot, request: Request) -> dict[str, Any]:
    row = await request.app.state.pool.fetchrow(
        f"""WITH s AS (
                INSERT INTO yard_ws_shot (slot_id, x_mm, y_mm, value) VALUES ($1, $2, $3, $4)
                RETURNING id, slot_id, x_mm, y_mm, value, created_at
            )
            SELECT s.id, pg_notify('{CHANNEL}', row_to_json(s)::text) FROM s""",
        shot.slot_id,
        shot.x_mm,
        shot.y_mm,
        shot.value,
    )
    return {"id": str(row["id"])}


@app.websocket("/yard/ws")
async def watch(websocket: WebSocket) -> None:
    await websocket.accept()
    queue: asyncio.Queue[str] = asyncio.Queue()
    clients: set[asyncio.Queue[str]] = websocket.app.state.clients

    async def pump() -> None:
        while True:
            await websocket.send_text(await queue.get())

    clients.add(queue)
    sender = asyncio.create_task(pump())
    try:
        await websocket.receive()
    finally:
        clients.discard(queue)
        sender.cancel()
