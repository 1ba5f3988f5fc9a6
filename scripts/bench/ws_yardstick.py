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


class LiveShot(BaseModel):
    """The body of the yardstick's POST: an arrow's value and where it landed."""

    model_config = ConfigDict(extra="forbid")
    slot_id: UUID
    value: int
    x_mm: float
    y_mm: float


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
async def create(shot: LiveShot, request: Request) -> dict[str, Any]:
    # One statement: the row and its announcement commit together.
    announced = await request.app.state.pool.fetchval(
        f"""WITH s AS (
                INSERT INTO yard_ws_shot (slot_id, value, x_mm, y_mm) VALUES ($1, $2, $3, $4)
                RETURNING id, slot_id, value, x_mm, y_mm, created_at
            )
            SELECT s.id FROM s, pg_notify('{CHANNEL}', row_to_json(s)::text)""",
        *shot.model_dump().values(),
    )
    return {"id": str(announced)}


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
