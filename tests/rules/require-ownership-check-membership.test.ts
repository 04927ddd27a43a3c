import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * Ownership asserted by code whose name says nothing: a helper that runs a membership lookup and
 * rejects (`ensureSeat(boardId, me.id)` querying `board_seats`), and a route middleware that looks
 * the record up with the caller and answers 404 (`loadMine`). Judged by their bodies, across files.
 * Look-alikes stay reported: a lookup that decides nothing, a helper told a user id the client
 * sends, a check of a value the query never uses, a middleware that looks up another request value
 * or without the caller.
 */

const RULE = 'api-security/require-ownership-check';
const strict: Linter.RulesRecord = { [RULE]: ['error', { unscopedAccess: 'report' }] };

const ENTITIES = `import { Entity, PrimaryGeneratedColumn, Column, ManyToOne } from 'typeorm';
@Entity()
export class Board {
  @PrimaryGeneratedColumn() id: number;
  @Column() title: string;
  @Column() tenantId: number;
}
@Entity()
export class Card {
  @PrimaryGeneratedColumn() id: number;
  @ManyToOne(() => Board) board: Board;
  @Column() boardId: number;
}
`;

/** A service whose `ensureSeat` runs a membership query; `check` is what it does with the answer. */
function service(check: string): string {
  return `import { Injectable, ForbiddenException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { Board, Card } from './entities';
@Injectable()
export class BoardsService {
  constructor(@InjectRepository(Board) private readonly boards: Repository<Board>, @InjectRepository(Card) private readonly cards: Repository<Card>, private readonly ds: DataSource) {}
  async ensureSeat(boardId: string, viewerId: string) {
    const seat = await this.ds.query('SELECT 1 FROM board_seats WHERE board_id = $1 AND viewer_id = $2', [boardId, viewerId]);
    ${check}
  }
  renameBoard(boardId: string, title: string) {
    return this.boards.update(boardId, { title });
  }
  cardsOf(boardId: string) {
    return this.cards.find({ where: { boardId } });
  }
  cardIn(boardId: string, cardId: string) {
    return this.cards.findOne({ where: { id: cardId, boardId } });
  }
  cardAlone(boardId: string, cardId: string) {
    return this.cards.findOne({ where: { id: cardId } });
  }
}
`;
}

const REJECTS = `if (seat.length === 0) throw new ForbiddenException();`;

function controller(body: string): string {
  return `import { Body, Controller, Get, Param, Patch, Query, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { CurrentUser } from './current-user';
import { BoardsService } from './boards.service';
@Controller('boards')
@UseGuards(AuthGuard('jwt'))
export class BoardsController {
  constructor(private readonly boardsService: BoardsService) {}
${body}
}
`;
}

const CHECKED_ROUTES = `  @Patch(':bid')
  async rename(@Param('bid') bid: string, @Body('title') title: string, @CurrentUser() me: any) {
    await this.boardsService.ensureSeat(bid, me.id);
    return this.boardsService.renameBoard(bid, title);
  }
  @Get(':bid/cards')
  async cards(@Param('bid') bid: string, @CurrentUser() me: any) {
    await this.boardsService.ensureSeat(bid, me.id);
    return this.boardsService.cardsOf(bid);
  }
  @Get(':bid/cards/:cid')
  async card(@Param('bid') bid: string, @Param('cid') cid: string, @CurrentUser() me: any) {
    await this.boardsService.ensureSeat(bid, me.id);
    return this.boardsService.cardIn(bid, cid);
  }`;

function nestProject(check: string, routes: string): string {
  return writeProject({
    'src/boards/entities.ts': ENTITIES,
    'src/boards/boards.service.ts': service(check),
    'src/boards/boards.controller.ts': controller(routes),
  });
}

const lines = (messages: readonly Linter.LintMessage[]): (number | string | null)[][] => messages.map((message) => [message.line, message.ruleId]);

describe('require-ownership-check: membership helpers and owner middleware judged by their bodies', () => {
  it('a membership helper run first covers the board, its cards and a card inside it', async () => {
    const dir = nestProject(REJECTS, CHECKED_ROUTES);
    expect(await lintProjectFile(dir, 'src/boards/boards.service.ts', strict)).toEqual([]);
  });

  it('the same when the controller is linted first in the same process', async () => {
    const dir = nestProject(REJECTS, CHECKED_ROUTES);
    expect(await lintProjectFile(dir, 'src/boards/boards.controller.ts', strict)).toEqual([]);
    expect(await lintProjectFile(dir, 'src/boards/boards.service.ts', strict)).toEqual([]);
  });

  it('the helper answers 403 on an empty membership instead of throwing', async () => {
    const dir = nestProject(`if (!seat.length) return { status: 403 };`, CHECKED_ROUTES);
    expect(await lintProjectFile(dir, 'src/boards/boards.service.ts', strict)).toEqual([]);
  });

  it('a membership lookup whose answer decides nothing is no check', async () => {
    const dir = nestProject(`console.log('seat lookup', seat.length);`, CHECKED_ROUTES);
    const messages = await lintProjectFile(dir, 'src/boards/boards.service.ts', strict);
    // The lookup itself lists seats by the board the client names, and decides nothing either.
    expect(lines(messages)).toEqual([[9, RULE], [13, RULE], [16, RULE], [19, RULE]]);
    expect(messages.map((message) => message.message.slice(0, 40))).toEqual([
      'SQL lists `board_seats` records by the `',
      'TypeORM changes a `Board` record by `@Pa',
      'TypeORM lists `Card` records by the `boa',
      'TypeORM reads a `Card` record by `@Param',
    ]);
  });

  it('the helper is told a viewer id the client sends', async () => {
    const dir = nestProject(
      REJECTS,
      `  @Patch(':bid')
  async rename(@Param('bid') bid: string, @Body() body: any) {
    await this.boardsService.ensureSeat(bid, body.viewerId);
    return this.boardsService.renameBoard(bid, body.title);
  }`,
    );
    expect(lines(await lintProjectFile(dir, 'src/boards/boards.service.ts', strict))).toEqual([[13, RULE]]);
  });

  it('a card inside another board than the one checked (the target board from the query string)', async () => {
    const dir = nestProject(
      REJECTS,
      `  @Get(':bid/cards/:cid/moved')
  async moved(@Param('bid') bid: string, @Param('cid') cid: string, @Query('to') to: string, @CurrentUser() me: any) {
    await this.boardsService.ensureSeat(bid, me.id);
    return this.boardsService.cardIn(to, cid);
  }`,
    );
    const messages = await lintProjectFile(dir, 'src/boards/boards.service.ts', strict);
    expect(lines(messages)).toEqual([[19, RULE]]);
    expect(messages[0]?.message).toContain("inside the `board` named by `@Query('to') to`");
  });

  it('a card inside a board the path names, with no check of the board', async () => {
    const dir = nestProject(
      REJECTS,
      `  @Get(':bid/cards/:cid')
  async card(@Param('bid') bid: string, @Param('cid') cid: string) {
    return this.boardsService.cardIn(bid, cid);
  }`,
    );
    const messages = await lintProjectFile(dir, 'src/boards/boards.service.ts', strict);
    expect(lines(messages)).toEqual([[19, RULE]]);
    expect(messages[0]?.message).toContain('inside the `board` named by `@Param(\'bid\') bid`');
  });

  describe('an Express middleware that loads the record with the caller', () => {
    const MODELS = `const mongoose = require('mongoose');
const Feed = mongoose.model('Feed', new mongoose.Schema({ owner: { type: mongoose.Schema.Types.ObjectId, ref: 'User' }, url: String }));
const Entry = mongoose.model('Entry', new mongoose.Schema({ owner: { type: mongoose.Schema.Types.ObjectId, ref: 'User' }, feed: { type: mongoose.Schema.Types.ObjectId, ref: 'Feed' } }));
module.exports = { Feed, Entry };
`;
    function middleware(lookup: string): string {
      return `const { Feed } = require('./models');
function loadMine(req, res, next) {
  ${lookup}
}
module.exports = { loadMine };
`;
    }
    const GOOD = `Feed.exists({ _id: req.params.feedId, owner: req.user.id }).then((found) => (found ? next() : res.status(404).end()), next);`;
    const ROUTES = `const express = require('express');
const { Feed, Entry } = require('./models');
const { loadMine } = require('./guards');
const router = express.Router();
router.get('/feeds/:feedId', loadMine, async (req, res) => {
  res.json(await Feed.findById(req.params.feedId));
});
router.get('/feeds/:feedId/entries/:entryId', loadMine, async (req, res) => {
  res.json(await Entry.findOne({ _id: req.params.entryId, feed: req.params.feedId }));
});
module.exports = router;
`;
    function expressProject(lookup: string, routes = ROUTES): string {
      return writeProject({ 'models.js': MODELS, 'guards.js': middleware(lookup), 'routes.js': routes }, { name: 'feeds', type: 'commonjs' });
    }

    it('covers the feed and an entry of that feed', async () => {
      expect(await lintProjectFile(expressProject(GOOD), 'routes.js', strict)).toEqual([]);
    });

    it('a middleware that looks the feed up without the caller', async () => {
      const dir = expressProject(`Feed.exists({ _id: req.params.feedId }).then((found) => (found ? next() : res.status(404).end()), next);`);
      expect(lines(await lintProjectFile(dir, 'routes.js', strict))).toEqual([[6, RULE], [9, RULE]]);
    });

    it('a middleware that checks another request value', async () => {
      const dir = expressProject(`Feed.exists({ _id: req.query.feed, owner: req.user.id }).then((found) => (found ? next() : res.status(404).end()), next);`);
      expect(lines(await lintProjectFile(dir, 'routes.js', strict))).toEqual([[6, RULE], [9, RULE]]);
    });

    it('a middleware that never rejects', async () => {
      const dir = expressProject(`Feed.exists({ _id: req.params.feedId, owner: req.user.id }).then((found) => { req.mine = !!found; next(); }, next);`);
      expect(lines(await lintProjectFile(dir, 'routes.js', strict))).toEqual([[6, RULE], [9, RULE]]);
    });

    it('an entry of another feed than the one checked', async () => {
      const dir = expressProject(
        GOOD,
        ROUTES.replace(`Entry.findOne({ _id: req.params.entryId, feed: req.params.feedId })`, `Entry.findOne({ _id: req.params.entryId, feed: req.query.otherFeed })`),
      );
      expect(lines(await lintProjectFile(dir, 'routes.js', strict))).toEqual([[9, RULE]]);
    });
  });
});
